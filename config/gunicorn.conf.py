"""gunicorn settings for Prongsai: ``gunicorn -c config/gunicorn.conf.py config.wsgi``.

Each setting can be overridden on the command line or with gunicorn's own ``GUNICORN_CMD_ARGS``.
The access log goes to standard output (or ``GUNICORN_ACCESS_LOG``); IIT survey requests are
logged without client address or time (the day only): see config/gunicorn_logging.py. A reverse
proxy in front must do the same for the IIT pages (README, "Operations").
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, one per CPU: measured best for the survey write path (bench/surveys_ladder.py).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "sync"
timeout = 60
backlog = 2048
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
logger_class = "config.gunicorn_logging.AnonymousSurveyLogger"
