"""A static file server on 127.0.0.1 for the benchmark: Twisted's ``static.File`` on its
own reactor, in its own process. Prints the port, then serves until killed.

It answers ``If-Modified-Since`` with 304 (Last-Modified is the file's mtime)."""

import sys

from twisted.internet import reactor
from twisted.web import server, static


def main(root: str, port: int = 0) -> None:
    resource = static.File(root)
    resource.indexNames = ["index.html"]
    site = server.Site(resource)
    site.displayTracebacks = False
    site.log = lambda request: None  # no access log: it would cost the server time
    listening = reactor.listenTCP(port, site, interface="127.0.0.1", backlog=128)
    print(listening.getHost().port, flush=True)
    reactor.run()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0)
