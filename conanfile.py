"""Conan 2 recipe: builds lance-bridge from this source tree and packages what
`cmake --install` installs (cmake/Install.cmake).

    conan create .                      build, package, and run test_package/

The Rust crates (lance included) are compiled by cargo, which must be on PATH
(rustup); Conan Center has no Rust toolchain to require. CLI11 (header-only,
for the programs' command lines) is found on the system, as the rest of the
build's tools are (Debian: libcli11-dev; bash .ci/install-deps installs it). A cold build compiles
lance: ~40 minutes on 2 cores (docs/build.md). Set LANCE_BRIDGE_CARGO_TARGET_DIR
to a lasting folder to reuse the compiled dependencies across builds.
"""

import os
import re
import shutil
import tomllib

from conan import ConanFile
from conan.errors import ConanInvalidConfiguration
from conan.tools.build import check_min_cppstd
from conan.tools.cmake import CMake, CMakeToolchain, cmake_layout
from conan.tools.files import copy, load, rmdir


class LanceBridgeConan(ConanFile):
    name = "lance-bridge"
    license = "Apache-2.0"
    description = "Write (and read) Lance datasets from C++ through the Arrow C Data Interface"
    topics = ("lance", "arrow", "columnar", "dataset", "tpch")
    package_type = "shared-library"
    settings = "os", "arch", "compiler", "build_type"
    # Only what the library and its programs are built from (no tests, no docs).
    exports_sources = (
        "CMakeLists.txt", "Cargo.toml", "Cargo.lock", ".cargo/*", "LICENSE",
        "cmake/*", "cpp/*", "rust/*", "bridge/*", "benchmarks/CMakeLists.txt",
        "benchmarks/*.cpp", "benchmarks/write-floor/*",
    )

    def set_version(self):
        # The one version: CMakeLists.txt's project(... VERSION x.y.z).
        cmakelists = load(self, os.path.join(self.recipe_folder, "CMakeLists.txt"))
        self.version = re.search(r"project\(lance_bridge VERSION (\S+)", cmakelists).group(1)

    def validate(self):
        if self.settings.os != "Linux":
            raise ConanInvalidConfiguration("lance-bridge is built and tested on Linux only")
        check_min_cppstd(self, 17)

    def validate_build(self):
        cargo_home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
        if not shutil.which("cargo") and not os.path.exists(os.path.join(cargo_home, "bin", "cargo")):
            raise ConanInvalidConfiguration("building lance-bridge needs cargo (a Rust toolchain: https://rustup.rs)")

    def layout(self):
        cmake_layout(self)

    def generate(self):
        toolchain = CMakeToolchain(self)
        toolchain.cache_variables["LANCE_BRIDGE_BUILD_TESTS"] = False
        toolchain.cache_variables["LANCE_BRIDGE_INSTALL"] = True
        # Offline-safe and the same every time: the cargo fallback, not a fetched Corrosion.
        toolchain.cache_variables["LANCE_BRIDGE_USE_CORROSION"] = False
        # lance in release whatever the build type: a Debug profile (which Conan
        # hands down to every package) would compile it again, ~10x slower to write.
        toolchain.cache_variables["LANCE_BRIDGE_CARGO_PROFILE"] = "release"
        target_dir = os.environ.get("LANCE_BRIDGE_CARGO_TARGET_DIR")
        if target_dir:
            toolchain.cache_variables["LANCE_BRIDGE_CARGO_TARGET_DIR"] = target_dir
        toolchain.generate()

    def build(self):
        # The rustflags of the tree's .cargo/config.toml, given as RUSTFLAGS, which
        # replaces every config file's: cargo also reads the config files of the
        # folders above this build (a Conan home inside a source tree has two) and
        # joins their lists, and other flags would compile lance a second time.
        config = os.path.join(self.source_folder, ".cargo", "config.toml")
        if os.path.exists(config):
            with open(config, "rb") as f:
                target = tomllib.load(f).get("target", {}).get("x86_64-unknown-linux-gnu", {})
            if target.get("rustflags") and str(self.settings.arch) == "x86_64":
                os.environ["RUSTFLAGS"] = " ".join(target["rustflags"])
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def package(self):
        cmake = CMake(self)
        cmake.install()
        # Conan's place for licenses: the project's and the compiled-in crates'.
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        copy(self, "THIRD-PARTY-LICENSES.txt", self.build_folder, os.path.join(self.package_folder, "licenses"))
        # Conan's generators (CMakeDeps, PkgConfigDeps) write these from package_info().
        rmdir(self, os.path.join(self.package_folder, "lib", "cmake"))
        rmdir(self, os.path.join(self.package_folder, "lib", "pkgconfig"))

    def package_info(self):
        # The same names as the package's own CMake config and .pc file.
        self.cpp_info.set_property("cmake_file_name", "lance_bridge")
        self.cpp_info.set_property("cmake_target_name", "lance_bridge::lance_bridge")
        self.cpp_info.set_property("pkg_config_name", "lance_bridge")
        self.cpp_info.libs = ["lance_bridge"]
