//! nianbao-report
