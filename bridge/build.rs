//! Generates and compiles the C++ half of the bridges with cxx-build (feature
//! `cpp-glue`, on by default). The Corrosion build turns the feature off and
//! compiles it with corrosion_add_cxxbridge: it must happen exactly once.

/// The bridges, one per feature (src/ffi). CMake's Corrosion build lists them too.
const BRIDGES: [&str; 6] = [
    "src/ffi/types.rs",
    "src/ffi/writer.rs",
    "src/ffi/pending.rs",
    "src/ffi/storage.rs",
    "src/ffi/dataset.rs",
    "src/ffi/inspect.rs",
];

fn main() {
    for bridge in BRIDGES {
        println!("cargo:rerun-if-changed={bridge}");
    }
    // The public headers define the enums and structs the bridges bind to.
    println!("cargo:rerun-if-changed=../cpp/include/lance_bridge");
    #[cfg(feature = "cpp-glue")]
    cxx_build::bridges(BRIDGES).include("../cpp/include").std("c++17").compile("lance_bridge_cxx");
}
