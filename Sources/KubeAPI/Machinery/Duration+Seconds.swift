extension Duration {
    /// The duration as fractional seconds, for rates, timestamps and human-readable figures.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
