print("linq-fake-server")
