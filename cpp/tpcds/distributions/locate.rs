// Empty: this package only pins the tpcdsgen download (Cargo.toml).
