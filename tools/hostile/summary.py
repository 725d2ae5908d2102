"""Figures of a hostile run from schemathesis' HAR and JUnit reports and the service's log.

Usage: summary.py REPORT_DIR SERVE_LOG MIN_REQUESTS. Prints the figures (with the errors the service
logged, e.g. a job's engine thread replaced); exits 1 when a 5xx other than 503 with Retry-After was
answered or fewer than MIN_REQUESTS were sent."""

import collections
import glob
import json
import sys
import xml.etree.ElementTree as ET


def main() -> int:
    report_dir, serve_log, min_requests = sys.argv[1], sys.argv[2], int(sys.argv[3])
    statuses: collections.Counter = collections.Counter()
    server_errors = []
    for path in glob.glob(f"{report_dir}/har-*.json"):
        with open(path, encoding="utf-8") as handle:
            entries = json.load(handle)["log"]["entries"]
        for entry in entries:
            response = entry["response"]
            status = response["status"]
            statuses[status] += 1
            headers = {h["name"].lower() for h in response.get("headers", [])}
            if status >= 500 and not (status == 503 and "retry-after" in headers):
                server_errors.append(f'{status} {entry["request"]["method"]} {entry["request"]["url"]}')
    failures = errors = 0
    for path in glob.glob(f"{report_dir}/*.xml"):
        for suite in ET.parse(path).getroot().iter("testsuite"):
            failures += int(suite.get("failures", 0))
            errors += int(suite.get("errors", 0))
    logged_errors = []
    with open(serve_log, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("{") and json.loads(line).get("level") == "error":
                logged_errors.append(line.strip()[:300])
    total = sum(statuses.values())
    print(
        json.dumps(
            {
                "requests": total,
                "statuses": dict(sorted(statuses.items())),
                "server_errors_not_503_retry_after": len(server_errors),
                "schemathesis_operations_failed": failures,
                "schemathesis_operations_errored": errors,
                "service_errors_logged": len(logged_errors),
            }
        )
    )
    for line in server_errors[:20] + logged_errors[:20]:
        print(line, file=sys.stderr)
    ok = total >= min_requests and not server_errors
    if total < min_requests:
        print(f"only {total} requests, fewer than {min_requests}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
