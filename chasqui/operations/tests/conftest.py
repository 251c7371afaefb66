import pytest
from moto.server import ThreadedMotoServer

from .site_copy import EmptySite


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.CHASQUI_BACKUP_DIR = tmp_path / "backups"
    settings.CHASQUI_BACKUP_S3_BUCKET = ""
    settings.CHASQUI_BACKUP_PASSPHRASE = ""
    return settings.CHASQUI_BACKUP_DIR


@pytest.fixture
def empty_site(tmp_path):
    site = EmptySite(tmp_path)
    yield site
    site.drop()


@pytest.fixture(scope="session")
def s3_server():
    """A real S3 API (moto's server) on loopback, for the whole session."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()
