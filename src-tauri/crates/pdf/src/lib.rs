//! nianbao-pdf
