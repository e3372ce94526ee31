"""The ASGI app that uvicorn serves (``uvicorn api.main:app``). Nothing else."""

from api.app import create_app

app = create_app()
