// KubeAPI
