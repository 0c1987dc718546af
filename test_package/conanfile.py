"""`conan create .` runs this: a project that finds the package through Conan
(CMakeDeps: find_package(lance_bridge), target lance_bridge::lance_bridge)
writes a dataset through lance_bridge::Writer and reads its row count back,
and the package's own tpch-lance writes two TPC-H tables."""

import os
import shlex
import shutil

from conan import ConanFile
from conan.tools.build import can_run
from conan.tools.cmake import CMake, cmake_layout


class LanceBridgeTestConan(ConanFile):
    settings = "os", "arch", "compiler", "build_type"
    generators = "CMakeDeps", "CMakeToolchain"

    def requirements(self):
        self.requires(self.tested_reference_str)

    def layout(self):
        cmake_layout(self)

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def test(self):
        if not can_run(self):
            return
        app = os.path.join(self.cpp.build.bindir, "test_package")
        dataset = os.path.join(self.build_folder, "test_package.lance")
        self.run(f"{shlex.quote(app)} {shlex.quote(dataset)}", env="conanrun")
        # The package's program, not one that PATH may find elsewhere.
        package = self.dependencies["lance-bridge"].package_folder
        tpch_lance = os.path.join(package, "bin", "tpch-lance")
        tpch = os.path.join(self.build_folder, "tpch")
        shutil.rmtree(tpch, ignore_errors=True)
        self.run(f"{shlex.quote(tpch_lance)} --scale-factor 0.01 --tables nation,region "
                 f"--output-dir {shlex.quote(tpch)} --quiet", env="conanrun")
