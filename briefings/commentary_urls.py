app_name = "commentary"
urlpatterns: list = []
