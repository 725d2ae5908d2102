"""Python client of the deepalloy-precipitate service: simulations as pandas DataFrames.

from precipitate import Client
result = Client().simulate(SimulationRequest.isothermal(0.0072, 0.0057, 175, 10))
result.series["total_yield_strength_mpa"].plot()
"""

from ._ops import PollPolicy, RetryPolicy
from .aio import AsyncClient, AsyncJobs
from .calibration_models import Calibration, CalibrationResults
from .calibrations import AsyncCalibrations, Calibrations
from .client import Client, Jobs
from .errors import (
    ApiError,
    BadRequest,
    Conflict,
    Forbidden,
    JobFailed,
    NotFound,
    PayloadTooLarge,
    PrecipitateError,
    RateLimited,
    ServerError,
    ServiceUnavailable,
    Unauthorized,
    UnsupportedMediaType,
    ValidationFailed,
)
from .models import (
    Accepted,
    Composition,
    FieldError,
    Health,
    Job,
    JobPage,
    ModelConfig,
    Problem,
    Results,
    SimulationRequest,
    Sweep,
    SweepResults,
    SweepRow,
    TemperatureProfile,
)
from .result import Figure, Result
from .sweeps import AsyncSweeps, Sweeps

__version__ = "0.1.0"

__all__ = [
    "Accepted",
    "ApiError",
    "AsyncClient",
    "AsyncCalibrations",
    "AsyncJobs",
    "AsyncSweeps",
    "BadRequest",
    "Calibration",
    "CalibrationResults",
    "Calibrations",
    "Client",
    "Composition",
    "Conflict",
    "FieldError",
    "Figure",
    "Forbidden",
    "Health",
    "Job",
    "JobFailed",
    "JobPage",
    "Jobs",
    "ModelConfig",
    "NotFound",
    "PayloadTooLarge",
    "PollPolicy",
    "PrecipitateError",
    "Problem",
    "RateLimited",
    "Result",
    "Results",
    "RetryPolicy",
    "ServerError",
    "ServiceUnavailable",
    "SimulationRequest",
    "Sweep",
    "SweepResults",
    "SweepRow",
    "Sweeps",
    "TemperatureProfile",
    "Unauthorized",
    "UnsupportedMediaType",
    "ValidationFailed",
]
