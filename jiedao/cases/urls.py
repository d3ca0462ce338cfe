from django.urls import path

from jiedao.cases import files

app_name = "cases"
urlpatterns = [path("attachments/<int:pk>/", files.attachment, name="attachment")]
