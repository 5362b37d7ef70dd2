print("covplan")
