print("linq-map")
