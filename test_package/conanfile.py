"""`conan create .` runs this: a project that finds the package through Conan
(CMakeDeps: find_package(lance_bridge), target lance_bridge::lance_bridge)
writes a dataset through lance_bridge::Writer and reads its row count back,
and the packaged tpch-lance runs from the package's bin folder."""

import os
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
        self.run(f"{app} {dataset}", env="conanrun")
        tpch = os.path.join(self.build_folder, "tpch")
        shutil.rmtree(tpch, ignore_errors=True)
        self.run(f"tpch-lance --scale-factor 0.01 --tables nation,region --output-dir {tpch} --quiet",
                 env="conanrun")
