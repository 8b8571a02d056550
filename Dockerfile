# The pathway explorer: one Streamlit server, the data bundle baked in, no state on disk.
# Build:  docker build -t pathway-explorer .
# Run:    docker run -p 8501:8501 pathway-explorer
# Brand:  docker run -p 8501:8501 -v "$PWD/college:/college:ro" \
#           -e PATHWAYS_COLLEGE=/college/college.toml pathway-explorer
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    STREAMLIT_SERVER_HEADLESS=true

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin explorer
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=root:root app.py serve.py ./
COPY --chown=root:root .streamlit/ .streamlit/
COPY --chown=root:root views/ views/
COPY --chown=root:root pathways/ pathways/
COPY --chown=root:root data/ data/

USER explorer
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD python -c "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read().strip() == b'ok' else 1)"

CMD ["python", "serve.py", "--server.port", "8501", "--server.address", "0.0.0.0"]
