from django.apps import AppConfig
from django.core import checks
from django.db.backends.signals import connection_created


class DocumentsConfig(AppConfig):
    name = "documents"

    def ready(self):
        from documents.collation import check_collation, register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="documents.vi_collation")
        checks.register(check_collation, checks.Tags.database)
