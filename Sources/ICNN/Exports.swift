// `import ICNN` is all a user needs: the engine comes with it.
@_exported import ICNNCore
