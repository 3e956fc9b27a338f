// VaneCLI
