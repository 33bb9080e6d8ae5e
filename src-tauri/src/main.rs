fn main() { nianbao_app::run() }
