//! Generates and compiles the C++ half of the bridge with cxx-build (feature
//! `cpp-glue`, on by default). The Corrosion build turns the feature off and
//! compiles it with corrosion_add_cxxbridge: it must happen exactly once.

fn main() {
    println!("cargo:rerun-if-changed=src/lib.rs");
    println!("cargo:rerun-if-changed=../cpp/include/lance_bridge/arrow_c_abi.h");
    #[cfg(feature = "cpp-glue")]
    cxx_build::bridge("src/lib.rs")
        .include("../cpp/include")
        .std("c++17")
        .compile("lance_bridge_cxx");
}
