
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "Entity": [
      "Level",
      "Responsibility",
      "Role",
      "Skill",
      "Specialization",
      "Team"
    ],
    "Node": [
      "Level",
      "Responsibility",
      "Role",
      "Skill",
      "Specialization",
      "Team"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "Entity": [
      "Level",
      "Responsibility",
      "Role",
      "Skill",
      "Specialization",
      "Team"
    ],
    "Node": [
      "Level",
      "Responsibility",
      "Role",
      "Skill",
      "Specialization",
      "Team"
    ]
  }
};
      export default result;
    