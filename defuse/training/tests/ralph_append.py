"""Runs Ralph's LRS (its real FastAPI app) with the file-system backend appending statements.

Run by Ralph's own interpreter (.venv-ralph), never imported by Defuse. `ralph runserver -b fs`
writes every POST to one JSON-lines file in "create" mode, so its second write fails with "already
exists"; the file backend supports "append", which is what an LRS on one file needs. Everything
else is Ralph's: authentication, validation, duplicate detection and queries.

Usage: python ralph_append.py HOST PORT DATA_DIRECTORY
"""

import os
import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend

host, port, directory = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.environ["RALPH_RUNSERVER_BACKEND"] = "fs"
os.environ["RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH"] = directory
FSDataBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host=host, port=port, log_level="info")
