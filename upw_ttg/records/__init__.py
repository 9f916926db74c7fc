"""Plain data objects handed between the services, the screens and printing, one module per area."""
