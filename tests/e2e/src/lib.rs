//! Shared helpers live in the tests; this crate only carries end-to-end tests.
