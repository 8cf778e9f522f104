from django.apps import AppConfig
from django.db.backends.signals import connection_created


class DocumentsConfig(AppConfig):
    name = "documents"

    def ready(self):
        from documents.collation import register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="documents.vi_collation")
