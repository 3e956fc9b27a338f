import VaneCLI

await VaneMain.run()
