//! Generates and compiles the C++ half of the bridges with cxx-build (feature
//! `cpp-glue`, on by default). The Corrosion build turns the feature off and
//! compiles it with corrosion_add_cxxbridge: it must happen exactly once.

fn main() {
    #[cfg(feature = "cpp-glue")]
    {
        // The bridges: one per feature, every file of src/ffi but its mod.rs
        // (CorrosionBuild.cmake finds the same files).
        let mut bridges: Vec<String> = std::fs::read_dir("src/ffi")
            .expect("src/ffi is readable")
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| name.ends_with(".rs") && name != "mod.rs")
            .map(|name| format!("src/ffi/{name}"))
            .collect();
        bridges.sort();
        println!("cargo:rerun-if-changed=src/ffi");
        // The public headers define the enums and structs the bridges bind to.
        println!("cargo:rerun-if-changed=../cpp/include/lance_bridge");
        cxx_build::bridges(&bridges).include("../cpp/include").std("c++17").compile("lance_bridge_cxx");
    }
}
