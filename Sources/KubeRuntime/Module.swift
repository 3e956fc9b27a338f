// KubeRuntime
