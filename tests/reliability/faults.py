"""Tools for the fault tests: invented dispatches, a TCP proxy that plays a PostgreSQL server
going away (the shared server itself is never stopped), and the app served on 127.0.0.1."""
from __future__ import annotations

import socket
import threading

TEMPLATE = ("Des frappes ont touché {city} dans la nuit de {day}, faisant {n} morts, a annoncé le gouverneur "
            "régional.\nLes secours fouillaient encore les décombres.\n")
CITIES = ("Kharkiv", "Soumy", "Kherson", "Odessa", "Dnipro", "Zaporijjia")
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi")


def dispatches(folder, n: int) -> list[str]:
    """``n`` different invented dispatches written into ``folder``; their texts."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = []
    for i in range(n):
        text = TEMPLATE.format(city=CITIES[i % len(CITIES)], day=DAYS[i % len(DAYS)], n=i + 2)
        (folder / f"depeche_{i:02d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


class Proxy:
    """127.0.0.1:PORT -> the server at (host, port), byte for byte, until ``cut()``: then every
    connection through it is closed and new ones are refused, as when the server stops."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.open = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while self.open:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                return
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self) -> None:
        self.open = False
        try:  # wakes the accept() blocked in the other thread, and stops listening
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        with self.lock:
            for s in self.sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
