"""upw-ttg: Unpaid Work scheduling and Through the Gate resettlement for probation staff."""

__version__ = "0.1.0"
APP_NAME = "upw-ttg"
APP_TITLE = "UPW & Through the Gate"
