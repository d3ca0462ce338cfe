from django.test import Client


def test_login_page_is_chinese_by_default(db, client: Client) -> None:
    response = client.get("/login/")
    assert response.status_code == 200
