//! The C++ interface, one `#[cxx::bridge]` per feature. Each reads as the spec
//! of what C++ can call; the Rust behind it lives in the crate's other modules.
//!
//! One vocabulary: a function or type has the name its C++ wrapper has
//! (`lance_bridge::write_file` calls `ffi::write_file`). Enums and plain
//! structs are defined once, in the public C++ headers, and bound here: cxx
//! checks every enum value against the header at compile time. Types more than
//! one bridge uses are declared in `types` and aliased by the others.

/// A struct a public C++ header defines, mirrored for Rust: `#[repr(C)]`,
/// bound to the header's type by name, its fields (all 8 bytes wide) one after
/// another, as asserted here; cpp/src/bridge_layout.cpp asserts the same of
/// the header's struct, so neither side can change alone.
macro_rules! header_struct {
    ($(#[$doc:meta])* $name:ident = $cxx_name:literal { $($field:ident: $ty:ty),+ $(,)? }) => {
        $(#[$doc])*
        #[repr(C)]
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct $name {
            $(pub $field: $ty),+
        }

        const _: () = {
            let mut offset = 0;
            $(
                assert!(std::mem::size_of::<$ty>() == 8);
                assert!(std::mem::offset_of!($name, $field) == offset);
                offset += 8;
            )+
            assert!(std::mem::size_of::<$name>() == offset);
        };

        // SAFETY: the header's struct has exactly these fields, of these types,
        // in this order (asserted above and in cpp/src/bridge_layout.cpp), and
        // is trivially copyable (asserted there too).
        unsafe impl cxx::ExternType for $name {
            type Id = cxx::type_id!($cxx_name);
            type Kind = cxx::kind::Trivial;
        }
    };
}

pub mod dataset;
pub mod index;
pub mod inspect;
pub mod pending;
pub mod storage;
pub mod types;
pub mod writer;
