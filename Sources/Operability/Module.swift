// Operability
