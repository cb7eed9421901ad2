//! Fuzz target: arbitrary bytes -> bantin::fuzzing::markdown (see src/fuzzing.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| bantin::fuzzing::markdown(data));
