# Iron Funnel in a container (README, "Running it in Docker").
#   docker build -t iron-funnel .
#   docker run -d --name iron-funnel --env-file .env -v iron-funnel-data:/data iron-funnel
# Or the bot with PostgreSQL: docker compose up -d (docker-compose.yml).

ARG PYTHON_IMAGE=python:3.11-slim

# --- build: the project and its dependencies into a virtual environment ---------------
FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY metrics ./metrics
COPY services ./services
COPY storage ./storage
COPY views ./views
# the runtime dependencies of pyproject.toml only (no test extras), not editable
RUN python -m venv /opt/iron-funnel/venv \
    && /opt/iron-funnel/venv/bin/pip install . \
    && /opt/iron-funnel/venv/bin/python -c "import bot, handlers, storage.migrate"

# --- run: the environment and nothing else, as a user without privileges -------------
FROM ${PYTHON_IMAGE}
# a fixed uid, so a bind-mounted /data can be given to it (chown 10001 ...); the
# relative paths of a copied .env (data/iron_funnel.db, data/backups) land in /data too
RUN groupadd --gid 10001 ironfunnel \
    && useradd --uid 10001 --gid ironfunnel --create-home --home-dir /home/ironfunnel \
       --shell /usr/sbin/nologin ironfunnel \
    && mkdir -p /data /opt/iron-funnel \
    && chown ironfunnel:ironfunnel /data \
    && ln -s /data /opt/iron-funnel/data
COPY --from=build /opt/iron-funnel/venv /opt/iron-funnel/venv
ENV PATH=/opt/iron-funnel/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL=sqlite+aiosqlite:////data/iron_funnel.db \
    BACKUP_DIR=/data/backups \
    WEB_HOST=0.0.0.0 \
    WEB_PORT=8080
WORKDIR /opt/iron-funnel
USER ironfunnel
# matplotlib's font cache, built once here instead of at every start
RUN python -c "import matplotlib.font_manager"
VOLUME ["/data"]
EXPOSE 8080
# GET /healthz in webhook mode (and in polling mode with WEBAPP_URL); in polling mode
# without a web server, that the database answers (bot/healthcheck.py)
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "bot", "healthcheck"]
# SIGTERM to the supervisor, which stops its worker gracefully (up to 10 s of handlers)
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot", "run"]
