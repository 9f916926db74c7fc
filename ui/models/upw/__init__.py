"""Table models of Unpaid Work scheduling, each over a list of service DTOs."""
