//! Fuzz target: arbitrary bytes -> bantin::fuzzing::search (see src/fuzzing.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| bantin::fuzzing::search(data));
