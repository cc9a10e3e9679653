#!/usr/bin/python3
"""A pycurl user: a GET and a POST against the test's server, then which libcurl is mapped.

usage: pycurl_client.py BASE_URL LIBRARY

Prints each transfer's method, response code and body. Then reads /proc/self/maps: every
mapped file whose name holds "libcurl" must be LIBRARY (the real file the loader opened),
or the script says what was mapped on stderr and exits 1.
"""

import io
import sys

import pycurl


def transfer(url, postfields=None):
    body = io.BytesIO()
    handle = pycurl.Curl()
    handle.setopt(pycurl.URL, url)
    handle.setopt(pycurl.WRITEDATA, body)
    if postfields is not None:
        handle.setopt(pycurl.POSTFIELDS, postfields)
    handle.perform()
    code = handle.getinfo(pycurl.RESPONSE_CODE)
    handle.close()
    return code, body.getvalue().decode()


def mapped_libcurl():
    names = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split(None, 5)
            if len(fields) == 6 and "libcurl" in fields[5]:
                names.add(fields[5].strip())
    return sorted(names)


def main():
    base, library = sys.argv[1], sys.argv[2]
    print("GET", *transfer(base + "/get"))
    print("POST", *transfer(base + "/post", "a=1&b=2"))
    mapped = mapped_libcurl()
    if mapped != [library]:
        sys.exit(f"libcurl mapped from {mapped}, expected {library}")
    print("libcurl as expected")


if __name__ == "__main__":
    main()
