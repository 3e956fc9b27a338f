// KubeTestKit
