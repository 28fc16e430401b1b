"""Makes one user owning N companies through the public API and writes its token and the company ids."""
import json
import sys
import urllib.request
import uuid

base, count, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def call(path, body, token=None, keyed=True):
    headers = {"Content-Type": "application/json"}
    if keyed:
        headers["Idempotency-Key"] = str(uuid.uuid4())
    if token:
        headers["Authorization"] = "Bearer " + token
    with urllib.request.urlopen(urllib.request.Request(base + path, json.dumps(body).encode(), headers)) as answer:
        return json.load(answer)


email = "yardstick-%s@example.dk" % uuid.uuid4().hex[:12]
call("/api/v1/users", {"email": email, "password": "yardstick password", "name": "Yardstick"})
token = call("/api/v1/auth/token", {"email": email, "password": "yardstick password"}, keyed=False)["token"]
with open(folder + "/token", "w") as out:
    out.write(token + "\n")
with open(folder + "/companies", "w") as out:
    for i in range(count):
        company = call("/api/v1/companies", {"name": "Yardstick %d ApS" % i, "cvr": "12345674", "vatPeriod": "QUARTER"}, token)
        out.write("%d\n" % company["id"])
