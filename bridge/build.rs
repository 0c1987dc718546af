//! Generates and compiles the C++ half of the bridge with cxx-build, unless the
//! CMake build does it (Corrosion's corrosion_add_cxxbridge): it must happen once.

fn main() {
    println!("cargo:rerun-if-env-changed=LANCE_BRIDGE_CXX_BY_CMAKE");
    println!("cargo:rerun-if-changed=src/lib.rs");
    println!("cargo:rerun-if-changed=../cpp/include/lance_bridge/arrow_c_abi.h");
    if std::env::var_os("LANCE_BRIDGE_CXX_BY_CMAKE").is_some() {
        return;
    }
    cxx_build::bridge("src/lib.rs")
        .include("../cpp/include")
        .std("c++17")
        .compile("lance_bridge_cxx");
}
