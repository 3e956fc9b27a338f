// KubeClient
