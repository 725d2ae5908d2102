"""Schemathesis hooks of the hostile run: the one server-error check the project's rules allow.

A 5xx is a bug, except 503 with Retry-After (a dependency that is down, said so)."""

import schemathesis


@schemathesis.check
def no_server_error_but_503_with_retry_after(ctx, response, case):
    status = response.status_code
    if status < 500:
        return None
    if status == 503 and response.headers.get("retry-after"):
        return None
    raise AssertionError(f"{status} from {case.method} {case.formatted_path}: {response.text[:300]}")
