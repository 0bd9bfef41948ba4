from django.apps import AppConfig


class SummitKbConfig(AppConfig):
    name = "summit_kb"
    verbose_name = "Summit KB"
