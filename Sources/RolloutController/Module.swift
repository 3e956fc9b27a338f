// RolloutController
