//! Fuzz target: arbitrary bytes -> bantin::fuzzing::import (see src/fuzzing.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| bantin::fuzzing::import(data));
