"""Nothing touches the network: the guard is active in this process and in notebook kernels,
and the full analysis runs under it (every notebook runs under it too, in test_notebooks)."""

import socket
import subprocess
import sys

import pytest
from conftest import FIXTURE_CORPUS, SEEDS


def test_guard_blocks_connections_and_lookups_in_this_process():
    with pytest.raises(OSError, match="blocked"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises(OSError, match="blocked"):
        socket.getaddrinfo("pypi.org", 443)


def test_guard_is_inherited_by_child_python_processes():
    code = ("import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
            "except OSError as e:\n    print('blocked' in str(e))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "True"


def test_full_analysis_runs_without_network(tmp_path):
    from helpers import analyze, write_tables
    for corpus in (SEEDS, FIXTURE_CORPUS):
        result = analyze(corpus)
        assert len(result.sentences) > 0
        write_tables(result, tmp_path / corpus.name)
