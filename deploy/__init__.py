"""The deployment: Kubernetes manifests, compose.yaml, the nginx template, and the scripts that run the explorer's
processes on one machine (serve_lb.py for `make serve`; processes.py, shared with the tests and benchmarks)."""
