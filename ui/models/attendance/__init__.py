"""Item models of the Attendance area: the register being keyed and its lists."""
