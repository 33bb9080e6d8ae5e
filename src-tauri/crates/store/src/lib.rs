//! nianbao-store
